#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style: a play built in Python (action mappings, templates, conditions),
run by a TaskQueueManager imported as a module, with a callback instance as stdout."""
from __future__ import print_function

import sys
from collections import namedtuple

import ansible.executor.task_queue_manager
from ansible.inventory import Inventory
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.playbook.play_context import PlayContext
from ansible.plugins.callback import CallbackBase
from ansible.vars import VariableManager


class ResultCallback(CallbackBase):
    """Prints one line per task result."""

    def v2_runner_on_ok(self, result, **kwargs):
        host = result._host
        res = result._result
        print(u'%s | %s | %s' % (host.name, result._task.get_name(), res.get('stdout', res.get('msg', ''))))

    def v2_runner_on_skipped(self, result):
        print(u'%s | %s | skipped' % (result._host.name, result._task.get_name()))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        print(u'%s | %s | FAILED %s' % (result._host.name, result._task.get_name(), result._result.get('msg')))


Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'remote_user', 'timeout'])
options = Options(connection='local', module_path=None, forks=3, become=None, become_method=None,
                  become_user=None, check=False, remote_user='deploy', timeout=7)
passwords = dict(vault_pass='secret')

loader = DataLoader()
variable_manager = VariableManager()
variable_manager.extra_vars = {'greeting': 'hi', 'flag': True, 'ansible_python_interpreter': sys.executable}
inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list='localhost,')
variable_manager.set_inventory(inventory)

play_source = dict(
    name="Ansible Play",
    hosts='localhost',
    gather_facts='no',
    tasks=[
        dict(name='say', action=dict(module='shell', args='echo {{ greeting }} there'), register='shell_out'),
        dict(name='show', action=dict(module='debug', args=dict(msg='{{ shell_out.stdout }}!'))),
        dict(name='conditional', action=dict(module='debug', args=dict(msg='flag is set')), when=u'flag'),
        dict(name='never', action=dict(module='debug', args=dict(msg='nope')), when=u'not flag'),
        dict(name='count', action=dict(module='set_fact', args=dict(n='{{ 40 + 2 }}'))),
        dict(name='report', action=dict(module='debug', args=dict(msg='n={{ n }} items={{ items | join(",") }}')),
             vars=dict(items=['a', 'b'])),
    ]
)
play = Play().load(play_source, variable_manager=variable_manager, loader=loader)

play_context = PlayContext(play=play, options=options)
print('remote user:', play_context.remote_user, 'timeout:', play_context.timeout)
play_context.set_options(options)

results_callback = ResultCallback()
tqm = None
try:
    tqm = ansible.executor.task_queue_manager.TaskQueueManager(
        inventory=inventory,
        variable_manager=variable_manager,
        loader=loader,
        options=options,
        passwords=passwords,
        stdout_callback=results_callback,
    )
    result = tqm.run(play)
    print('result: %d' % result)
finally:
    if tqm is not None:
        tqm.cleanup()
