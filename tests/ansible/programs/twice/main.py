#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style long-lived service code: one function builds everything and runs a
playbook; the process calls it twice with different hosts and extra vars (like a deploy
service handling two requests). Options come from a helper called inline."""
from __future__ import print_function

import os
import sys
from collections import namedtuple

from ansible.errors import AnsibleError
from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.inventory import Inventory
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.callback import CallbackBase
from ansible.utils.unicode import to_unicode
from ansible.vars import VariableManager

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ['WORK_DIR']

Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags',
                                 'syntax', 'verbosity', 'tags', 'skip_tags'])


def build_options(forks):
    return Options(connection='local', module_path=None, forks=forks, become=None,
                   become_method=None, become_user=None, check=False, listhosts=False,
                   listtasks=False, listtags=False, syntax=False, verbosity=0,
                   tags=['all'], skip_tags=[])


class DeployResults(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'deploy_results'

    def __init__(self):
        super(DeployResults, self).__init__()
        self.messages = []
        self.summary = {}

    def v2_runner_on_ok(self, result, **kwargs):
        if result._result.get('msg'):
            self.messages.append(to_unicode(result._result['msg']))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.messages.append(u'FAILED %s: %s' % (result._host.get_name(), result._result.get('msg')))

    def v2_playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            self.summary[host] = (s['ok'], s['changed'], s['failures'])


def run_release(run_number, application, version, hosts, forks=2):
    loader = DataLoader()
    variable_manager = VariableManager()
    variable_manager.extra_vars = {
        'application': application,
        'version': version,
        'workdir': WORK,
        'run_number': run_number,
    }
    inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list=list(hosts))
    variable_manager.set_inventory(inventory)
    for host in inventory.get_hosts():
        host.set_variable('ansible_connection', 'local')
        host.set_variable('ansible_python_interpreter', sys.executable)

    pbex = PlaybookExecutor(playbooks=[os.path.join(HERE, 'release.yml')], inventory=inventory,
                            variable_manager=variable_manager, loader=loader,
                            options=build_options(forks), passwords={})
    results = DeployResults()
    pbex._tqm._stdout_callback = results
    try:
        rc = pbex.run()
    except AnsibleError as e:
        return 2, [to_unicode(e)], {}
    return rc, sorted(results.messages), results.summary


for number, (app, version, hosts) in enumerate([('shop', '1.0', ['web1', 'web2']),
                                                 ('blog', '2.5', ['web3'])], 1):
    rc, messages, summary = run_release(number, app, version, hosts)
    print('run %d rc=%d' % (number, rc))
    for message in messages:
        print('  ' + message)
    for host in sorted(summary):
        print('  %s ok=%d changed=%d failed=%d' % ((host,) + summary[host]))
print('files:', ' '.join(sorted(os.listdir(WORK))))
