# -*- coding: utf-8 -*-
# Ansible 2.1 style stdout callback for the command line: labels loop items with
# self._get_item. (self._options is None when ansible-playbook runs in process in 2.1:
# it came from __main__.cli, so it is not used here.)
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'lines'
    CALLBACK_NEEDS_WHITELIST = False

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.count = 0

    def v2_runner_on_ok(self, result):
        self.count += 1
        self._display.display('%s | %s | %s' % (result._host.get_name(), result._task.get_name(),
                                                result._result.get('msg', 'ok')))

    def v2_runner_item_on_ok(self, result):
        self._display.display('    item %s' % self._get_item(result._result))

    def v2_playbook_on_stats(self, stats):
        self._display.display('results=%d' % self.count)
