# -*- coding: utf-8 -*-
"""Audit trail: one line per task result in $VESEMIR_AUDIT_LOG (old v1 callback methods)."""
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'vesemir_audit'
    CALLBACK_NEEDS_WHITELIST = False

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.path = os.environ.get('VESEMIR_AUDIT_LOG')
        self.pid = os.getpid()

    def log(self, host, category, data):
        if not self.path:
            return
        if type(data) == dict:
            if data.has_key('msg'):
                data = data['msg']
            elif data.has_key('stdout'):
                data = data['stdout']
            else:
                data = 'changed' if data.get('changed') else 'ok'
        if isinstance(data, unicode):
            data = data.encode('utf-8')
        line = "%s pid=%d %s %s %s\n" % (time.strftime('%Y-%m-%dT%H:%M:%S'), self.pid, host, category,
                                         str(data).replace('\n', ' ')[:200])
        f = open(self.path, 'a')
        try:
            f.write(line)
        finally:
            f.close()

    def runner_on_ok(self, host, res):
        self.log(host, 'OK', res)

    def runner_on_failed(self, host, res, ignore_errors=False):
        self.log(host, 'FAILED', res)

    def runner_on_skipped(self, host, item=None):
        self.log(host, 'SKIPPED', '...')

    def runner_on_unreachable(self, host, res):
        self.log(host, 'UNREACHABLE', res)

    def playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            self.log(host, 'STATS', ' '.join('%s=%s' % (k, v) for k, v in sorted(s.iteritems())))
