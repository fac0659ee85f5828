# -*- coding: utf-8 -*-
"""Settings: vesemir.ini (ConfigParser) with environment overrides."""
import os
import sys
import tempfile
import ConfigParser

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEFAULTS = {
    'work_dir': os.path.join(tempfile.gettempdir(), 'vesemir'),
    'playbook': 'playbooks/deploy.yml',
    'forks': '5',
    'keep_releases': '3',
    'connection': 'local',
    'timeout': '5',
}

# setting name -> environment variable that overrides it
ENV_OVERRIDES = {
    'work_dir': 'VESEMIR_WORK_DIR',
    'db_path': 'VESEMIR_DB',
    'notify_url': 'VESEMIR_NOTIFY_URL',
}


class Settings(object):

    def __init__(self, path=None):
        self.path = path or os.environ.get('VESEMIR_CONFIG') or os.path.join(HERE, 'vesemir.ini')
        parser = ConfigParser.SafeConfigParser(DEFAULTS)
        if not parser.read(self.path):
            print >>sys.stderr, "[vesemir] no settings file at %s, using defaults" % self.path
        for section in ('vesemir', 'notify'):
            if not parser.has_section(section):
                parser.add_section(section)

        self.work_dir = parser.get('vesemir', 'work_dir')
        self.playbook = parser.get('vesemir', 'playbook')
        self.forks = parser.getint('vesemir', 'forks')
        self.keep_releases = parser.getint('vesemir', 'keep_releases')
        self.connection = parser.get('vesemir', 'connection')
        self.notify_timeout = parser.getint('notify', 'timeout')
        self.db_path = None
        self.notify_url = None

        for name, env in ENV_OVERRIDES.iteritems():
            if os.environ.has_key(env) and os.environ[env]:
                setattr(self, name, os.environ[env])

        self.work_dir = os.path.abspath(os.path.expanduser(self.work_dir))
        if not os.path.isabs(self.playbook):
            self.playbook = os.path.join(HERE, self.playbook)
        if not self.db_path:
            self.db_path = os.path.join(self.work_dir, 'vesemir.db')

    def prepare(self):
        """Create the work folder and point Ansible's temp dirs and our audit log into it.
        Must run before anything from ansible is imported (ansible.constants reads env at import)."""
        if not os.path.isdir(self.work_dir):
            os.makedirs(self.work_dir)
        tmp = os.path.join(self.work_dir, 'ansible-tmp')
        os.environ.setdefault('ANSIBLE_LOCAL_TEMP', os.path.join(tmp, 'local'))
        os.environ.setdefault('ANSIBLE_REMOTE_TEMP', os.path.join(tmp, 'remote'))
        os.environ.setdefault('VESEMIR_AUDIT_LOG', os.path.join(self.work_dir, 'audit.log'))
        return self


def load(path=None):
    return Settings(path).prepare()
