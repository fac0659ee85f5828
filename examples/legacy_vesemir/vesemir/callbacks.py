# -*- coding: utf-8 -*-
"""Result-capturing callback, installed as the playbook executor's stdout callback."""
from ansible.plugins.callback import CallbackBase


class DeployResultCallback(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'vesemir_results'

    def __init__(self):
        super(DeployResultCallback, self).__init__()
        self.tasks = []
        self.failed = {}
        self.unreachable = {}
        self.summary = {}

    def _record(self, status, result):
        res = result._result
        msg = res.get('msg') or res.get('stdout') or ''
        if not isinstance(msg, basestring):
            msg = unicode(msg)
        self.tasks.append({'host': result._host.get_name(), 'task': result._task.get_name(),
                           'status': status, 'changed': bool(res.get('changed')), 'msg': msg[:200]})

    def v2_runner_on_ok(self, result, **kwargs):
        self._record('ok', result)

    def v2_runner_on_skipped(self, result):
        self._record('skipped', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record('failed', result)
        if not ignore_errors:
            self.failed[result._host.get_name()] = result._result.get('msg', 'failed')

    def v2_runner_on_unreachable(self, result):
        self._record('unreachable', result)
        self.unreachable[result._host.get_name()] = result._result.get('msg', 'unreachable')

    def v2_playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            self.summary[host] = stats.summarize(host)
