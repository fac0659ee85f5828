# -*- coding: utf-8 -*-
# Ansible 2.1 style stdout callback: v1 methods, no base __init__ call, the display idiom.
from ansible.plugins.callback import CallbackBase

try:
    from __main__ import display
except ImportError:
    from ansible.utils.display import Display
    display = Display()


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'audit'
    CALLBACK_NEEDS_WHITELIST = False

    def __init__(self):
        self.events = 0
        self.failed_hosts = []

    def playbook_on_play_start(self, name):
        display.display('PLAY %s' % name)

    def playbook_on_task_start(self, name, is_conditional):
        display.display('%s' % name)

    def runner_on_ok(self, host, res):
        self.events += 1
        display.display('  ok %s: %s' % (host, res.get('stdout', res.get('msg', ''))))

    def runner_on_failed(self, host, res, ignore_errors=False):
        self.events += 1
        self.failed_hosts.append(host)
        display.display('  failed %s: %s' % (host, res.get('msg')))

    def runner_on_skipped(self, host, item=None):
        self.events += 1
        display.display('  skipped %s (item %s)' % (host, item))

    def playbook_on_stats(self, stats):
        for h in sorted(stats.processed.keys()):
            s = stats.summarize(h)
            display.display('%s ok=%d changed=%d failed=%d skipped=%d' % (
                h, s['ok'], s['changed'], s['failures'], s['skipped']))
        display.display('events=%d failed=%s' % (self.events, ','.join(self.failed_hosts)))
