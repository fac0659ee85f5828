#!/usr/bin/env python
# Origin: shared/reference/ansible_api_map.md, section K.1 (copied verbatim below this note; both were run by the map's author).
# Ansible 2.1-style embedding: run site.yml against localhost, connection=local
from __future__ import print_function
import os, sys, json
from collections import namedtuple

from ansible.parsing.dataloader import DataLoader
from ansible.vars import VariableManager
from ansible.inventory import Inventory
from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.plugins.callback import CallbackBase
from ansible.utils.unicode import to_unicode
from ansible.errors import AnsibleError
import ansible.constants as C


class ResultCollector(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'collector'
    CALLBACK_NEEDS_WHITELIST = False

    def __init__(self):
        super(ResultCollector, self).__init__()
        self.ok, self.failed, self.unreachable = {}, {}, {}

    def v2_runner_on_ok(self, result, **kwargs):
        self.ok.setdefault(result._host.get_name(), []).append(
            (result._task.get_name(), result._result))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.failed.setdefault(result._host.get_name(), []).append(result._result)

    def v2_runner_on_unreachable(self, result):
        self.unreachable[result._host.get_name()] = result._result

    # v1-style hook (still dispatched in 2.1 through CallbackBase.v2_playbook_on_stats)
    def playbook_on_stats(self, stats):
        self.summary = dict((h, stats.summarize(h)) for h in stats.processed.keys())


Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags',
                                 'syntax', 'remote_user', 'private_key_file', 'ssh_common_args',
                                 'ssh_extra_args', 'sftp_extra_args', 'scp_extra_args', 'verbosity'])
options = Options(connection='local', module_path=None, forks=5, become=False,
                  become_method='sudo', become_user='root', check=False, listhosts=False,
                  listtasks=False, listtags=False, syntax=False, remote_user=None,
                  private_key_file=None, ssh_common_args=None, ssh_extra_args=None,
                  sftp_extra_args=None, scp_extra_args=None, verbosity=0)

loader = DataLoader()
variable_manager = VariableManager()
variable_manager.extra_vars = {'target_env': 'prod', 'ansible_python_interpreter': sys.executable}
inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list=['localhost'])
variable_manager.set_inventory(inventory)

playbook = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'site.yml')
pbex = PlaybookExecutor(playbooks=[playbook], inventory=inventory,
                        variable_manager=variable_manager, loader=loader,
                        options=options, passwords={})
collector = ResultCollector()
pbex._tqm._stdout_callback = collector          # common 2.x hack to capture results
try:
    rc = pbex.run()
except AnsibleError as e:
    print(to_unicode(e)); sys.exit(2)

for host, items in collector.ok.items():
    for name, res in items:
        print(u'%s | %s | %s' % (host, name, to_unicode(res.get('stdout', res.get('msg', res.get('ansible_facts', ''))))))
print('summary:', json.dumps(collector.summary, sort_keys=True))
print('rc:', rc)
sys.exit(rc)
