#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style: run ansible-playbook in process through PlaybookCLI (parse, then run),
with a stdout callback from callback_plugins/ selected by environment variables."""
from __future__ import print_function

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ['ANSIBLE_CALLBACK_PLUGINS'] = os.path.join(HERE, 'callback_plugins')
os.environ['ANSIBLE_STDOUT_CALLBACK'] = 'lines'

from ansible.cli.playbook import PlaybookCLI

args = ['ansible-playbook', '-i', 'localhost,', '-c', 'local', '-f', '3',
        '-e', 'who=world', '-e', 'ansible_python_interpreter=%s' % sys.executable,
        os.path.join(HERE, 'site.yml')]
cli = PlaybookCLI(args)
cli.parse()
print('forks option:', cli.options.forks)
cli = PlaybookCLI(args)
cli.parse()
rc = cli.run()
print('rc:', rc)
sys.exit(rc)
