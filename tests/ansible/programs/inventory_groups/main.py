#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style: an INI inventory (Inventory methods), an Options namedtuple with a
tag string and a module_path string, and a PlaybookExecutor with a result collector."""
from __future__ import print_function

import os
import sys
from collections import namedtuple

import ansible.constants as C
from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.inventory import Inventory as Inv
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.callback import CallbackBase
from ansible.vars import VariableManager

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ['WORK_DIR']


class Collector(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'collector'

    def __init__(self):
        super(Collector, self).__init__()
        self.lines = []
        self.stats = {}

    def v2_runner_on_ok(self, result, **kwargs):
        self.lines.append(u'%s ok: %s -> %s' % (result._host.get_name(), result._task.get_name(),
                                               result._result.get('stdout', 'changed=%s' % result._result.get('changed'))))

    def v2_runner_on_skipped(self, result):
        self.lines.append(u'%s skipped: %s' % (result._host.get_name(), result._task.get_name()))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.lines.append(u'%s FAILED: %s' % (result._host.get_name(), result._result.get('msg')))

    def v2_playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            self.stats[host] = 'ok=%d changed=%d failed=%d unreachable=%d skipped=%d' % (
                s['ok'], s['changed'], s['failures'], s['unreachable'], s['skipped'])


Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags',
                                 'syntax', 'remote_user', 'private_key_file', 'ssh_common_args',
                                 'ssh_extra_args', 'sftp_extra_args', 'scp_extra_args', 'verbosity',
                                 'tags', 'skip_tags'])
options = Options(connection='local', module_path=os.path.join(HERE, 'library') + ':' + WORK, forks=2,
                  become=False, become_method='sudo', become_user='root', check=False,
                  listhosts=False, listtasks=False, listtags=False, syntax=False, remote_user=None,
                  private_key_file=None, ssh_common_args=None, ssh_extra_args=None,
                  sftp_extra_args=None, scp_extra_args=None, verbosity=0,
                  tags='deploy,maintenance-window', skip_tags='slow')

loader = DataLoader()
variable_manager = VariableManager()
variable_manager.extra_vars = {'workdir': WORK, 'release': '1.4.2',
                               'ansible_python_interpreter': sys.executable}
inventory = Inv(loader=loader, variable_manager=variable_manager,
                host_list=os.path.join(HERE, 'inventory', 'hosts.ini'))
variable_manager.set_inventory(inventory)

print('groups:', ' '.join(sorted(inventory.get_groups())))
app = inventory.get_group('app')
print('app children:', ' '.join(sorted(g.name for g in app.child_groups)))
print('web hosts:', ' '.join(sorted(h.name for h in inventory.get_hosts('web', ignore_limits_and_restrictions=True))))
print('db1 groups:', ' '.join(sorted(g.name for g in inventory.groups_for_host('db1'))))
print('forks:', options.forks)

pbex = PlaybookExecutor(playbooks=[os.path.join(HERE, 'site.yml')], inventory=inventory,
                        variable_manager=variable_manager, loader=loader, options=options,
                        passwords={})
collector = Collector()
pbex._tqm._stdout_callback = collector
rc = pbex.run()

for line in sorted(collector.lines):
    print(line)
for host in sorted(collector.stats):
    print(host, collector.stats[host])
print('markers:', ' '.join(sorted(f for f in os.listdir(WORK) if f.endswith('.marker'))))
print('rc:', rc)
sys.exit(rc)
