#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style: a vault-encrypted vars file, opened with the loader's vault password,
and the same file decrypted directly with VaultLib."""
from __future__ import print_function

import os
import sys
from collections import namedtuple

from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.inventory import Inventory
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.vault import VaultLib
from ansible.plugins.callback import CallbackBase
from ansible.utils.unicode import to_unicode
from ansible.vars import VariableManager

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ['WORK_DIR']
VAULT_PASSWORD = 'letmein'


class Results(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'results'

    def __init__(self):
        super(Results, self).__init__()
        self.rows = []

    def v2_runner_on_ok(self, result, **kwargs):
        res = result._result
        self.rows.append(u'%s: %s' % (result._task.get_name(), res.get('stdout', res.get('msg', ''))))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.rows.append(u'%s: FAILED %s' % (result._task.get_name(), result._result.get('msg')))


with open(os.path.join(HERE, 'secrets.yml')) as fh:
    vaulted = fh.read()
print('encrypted:', vaulted.startswith('$ANSIBLE_VAULT;1.1;AES256'))
plain = VaultLib(VAULT_PASSWORD).decrypt(vaulted)
print('keys:', ' '.join(sorted(line.split(':')[0] for line in to_unicode(plain).splitlines())))

Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags', 'syntax'])
options = Options(connection='local', module_path=None, forks=1, become=False, become_method=None,
                  become_user=None, check=False, listhosts=False, listtasks=False, listtags=False,
                  syntax=False)

loader = DataLoader()
loader.set_vault_password(VAULT_PASSWORD)
variable_manager = VariableManager()
variable_manager.extra_vars = {'workdir': WORK, 'ansible_python_interpreter': sys.executable}
inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list=['localhost'])
variable_manager.set_inventory(inventory)

pbex = PlaybookExecutor(playbooks=[os.path.join(HERE, 'site.yml')], inventory=inventory,
                        variable_manager=variable_manager, loader=loader, options=options,
                        passwords={})
results = Results()
pbex._tqm._stdout_callback = results
rc = pbex.run()
for row in results.rows:
    print(row)
print('mode: %o' % (os.stat(os.path.join(WORK, 'token.env')).st_mode & 0o777))
print('rc:', rc)
sys.exit(rc)
