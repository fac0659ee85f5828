#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style: the stdout callback is a v1 plugin from callback_plugins/, chosen with
ANSIBLE_STDOUT_CALLBACK before ansible is imported; plugin folders added with the loaders."""
from __future__ import print_function

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ['ANSIBLE_STDOUT_CALLBACK'] = 'audit'

from collections import namedtuple

from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.inventory import Inventory
from ansible.parsing.dataloader import DataLoader
from ansible.plugins import callback_loader
from ansible.vars import VariableManager

callback_loader.add_directory(os.path.join(HERE, 'callback_plugins'))

Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags', 'syntax'])
options = Options(connection='local', module_path=None, forks=1, become=False, become_method=None,
                  become_user=None, check=False, listhosts=False, listtasks=False, listtags=False,
                  syntax=False)

loader = DataLoader()
variable_manager = VariableManager()
variable_manager.extra_vars = {'ansible_python_interpreter': sys.executable}
inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list='alpha,beta')
variable_manager.set_inventory(inventory)
for host in inventory.get_hosts():
    host.set_variable('ansible_connection', 'local')

pbex = PlaybookExecutor(playbooks=[os.path.join(HERE, 'site.yml')], inventory=inventory,
                        variable_manager=variable_manager, loader=loader, options=options,
                        passwords={})
rc = pbex.run()
print('rc:', rc)
sys.exit(rc)
