# -*- coding: utf-8 -*-
"""Runs playbooks/deploy.yml in-process through the Ansible 2.1 Python API."""
import sys
from collections import namedtuple

from ansible.parsing.dataloader import DataLoader
from ansible.vars import VariableManager
from ansible.inventory import Inventory
from ansible.executor.playbook_executor import PlaybookExecutor
from ansible.errors import AnsibleError
from ansible.utils.unicode import to_unicode
from ansible import __version__ as ANSIBLE_VERSION

from vesemir.callbacks import DeployResultCallback

Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'become', 'become_method',
                                 'become_user', 'check', 'listhosts', 'listtasks', 'listtags',
                                 'syntax', 'remote_user', 'private_key_file', 'ssh_common_args',
                                 'ssh_extra_args', 'sftp_extra_args', 'scp_extra_args', 'verbosity',
                                 'tags', 'skip_tags', 'timeout'])


def build_options(settings):
    return Options(connection=settings.connection, module_path=None, forks=settings.forks, become=None,
                   become_method=None, become_user=None, check=False, listhosts=False, listtasks=False,
                   listtags=False, syntax=False, remote_user=None, private_key_file=None,
                   ssh_common_args=None, ssh_extra_args=None, sftp_extra_args=None, scp_extra_args=None,
                   verbosity=0, tags=['all'], skip_tags=[], timeout=10)


def run_deploy(settings, deployment_id, application, version, hosts, delay=0):
    """Returns a dict: rc, status ('success' or 'failed'), summary, tasks, error."""
    loader = DataLoader()
    variable_manager = VariableManager()
    variable_manager.extra_vars = {
        'deployment_id': deployment_id,
        'application': application,
        'version': version,
        'work_dir': settings.work_dir,
        'keep_releases': settings.keep_releases,
        'delay': delay,
    }
    inventory = Inventory(loader=loader, variable_manager=variable_manager, host_list=list(hosts))
    variable_manager.set_inventory(inventory)
    for host in inventory.get_hosts():
        # staging mode: every target is simulated locally, modules run with our own interpreter
        host.set_variable('ansible_connection', settings.connection)
        host.set_variable('ansible_python_interpreter', sys.executable)

    pbex = PlaybookExecutor(playbooks=[settings.playbook], inventory=inventory,
                            variable_manager=variable_manager, loader=loader,
                            options=build_options(settings), passwords={})
    results = DeployResultCallback()
    pbex._tqm._stdout_callback = results

    error = None
    try:
        rc = pbex.run()
    except AnsibleError, e:
        rc, error = 2, to_unicode(e)

    if error is None and results.failed:
        error = u'; '.join(u'%s: %s' % (h, m) for h, m in results.failed.iteritems())
    if error is None and results.unreachable:
        error = u'unreachable: %s' % u', '.join(results.unreachable.keys())
    return {
        'rc': rc,
        'status': 'success' if rc == 0 and error is None else 'failed',
        'summary': results.summary,
        'tasks': results.tasks,
        'error': error,
    }
