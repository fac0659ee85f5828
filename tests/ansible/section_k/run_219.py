#!/usr/bin/env python3
# Origin: shared/reference/ansible_api_map.md, section K.2 (copied verbatim below this note; both were run by the map's author).
# ansible-core 2.19 equivalent of run_21.py
import os, sys, json

from ansible import context
from ansible.module_utils.common.collections import ImmutableDict
from ansible.parsing.dataloader import DataLoader
from ansible.vars.manager import VariableManager
from ansible.inventory.manager import InventoryManager
from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.plugins.callback import CallbackBase
from ansible.plugins.loader import init_plugin_loader
from ansible.module_utils.common.text.converters import to_text
from ansible.errors import AnsibleError
import ansible.constants as C


class ResultCollector(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'collector'
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self):
        super().__init__()
        self.ok, self.failed, self.unreachable = {}, {}, {}

    def v2_runner_on_ok(self, result, **kwargs):
        self.ok.setdefault(result.host.get_name(), []).append(
            (result.task.get_name(), result.result))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.failed.setdefault(result.host.get_name(), []).append(result.result)

    def v2_runner_on_unreachable(self, result):
        self.unreachable[result.host.get_name()] = result.result

    # v1 playbook_on_stats -> v2_playbook_on_stats (v1 API deprecated in 2.19, removal 2.23)
    def v2_playbook_on_stats(self, stats):
        self.summary = dict((h, stats.summarize(h)) for h in stats.processed.keys())


# Options namedtuple -> global, immutable context.CLIARGS (set BEFORE building VariableManager/PBEX)
context.CLIARGS = ImmutableDict(connection='local', module_path=None, forks=5, become=False,
                                become_method='sudo', become_user='root', check=False, diff=False,
                                listhosts=False, listtasks=False, listtags=False, syntax=False,
                                start_at_task=None, remote_user=None, private_key_file=None,
                                ssh_common_args=None, ssh_extra_args=None, sftp_extra_args=None,
                                scp_extra_args=None, verbosity=0)
init_plugin_loader()   # 2.15+: installs the collection loader (ansible-playbook's CLI.run does this)

loader = DataLoader()
inventory = InventoryManager(loader=loader, sources='localhost,')   # host_list=['localhost'] -> 'localhost,'
variable_manager = VariableManager(loader=loader, inventory=inventory)
# extra_vars setter removed in 2.8; the property is read-only -> set the backing dict
variable_manager._extra_vars = {'target_env': 'prod', 'ansible_python_interpreter': sys.executable}

playbook = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'site.yml')
pbex = PlaybookExecutor(playbooks=[playbook], inventory=inventory,
                        variable_manager=variable_manager, loader=loader, passwords={})
collector = ResultCollector()
# 2.1: pbex._tqm._stdout_callback = collector
# 2.19: TQM only takes a plugin *name* (stdout_callback_name); an instance must be
# initialised and installed in the (private) callback list; load_callbacks() then no-ops.
collector._init_callback_methods()
collector.set_options()
pbex._tqm._callback_plugins = [collector]
try:
    rc = pbex.run()
except AnsibleError as e:
    print(to_text(e)); sys.exit(2)

for host, items in collector.ok.items():
    for name, res in items:
        print(u'%s | %s | %s' % (host, name, to_text(res.get('stdout', res.get('msg', res.get('ansible_facts', ''))))))
print('summary:', json.dumps(collector.summary, sort_keys=True))
print('rc:', rc)
sys.exit(rc)
