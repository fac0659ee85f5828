#!/usr/bin/python
# -*- coding: utf-8 -*-
# Ansible 2.1 style custom module: no imports of its own for what the bottom star import
# brought (os, hashlib, pipes, AnsibleModule, get_exception), get_exception() in handlers.

DOCUMENTATION = '''
---
module: greeting
short_description: Write a greeting file
options:
  name: {description: who to greet, required: true}
  dest: {description: file to write, required: true}
'''

EXAMPLES = '''
- greeting: name=World dest=/tmp/hello.txt
'''


def read(path):
    f = open(path)
    try:
        return f.read()
    finally:
        f.close()


def write(path, text):
    f = open(path, 'w')
    try:
        f.write(text)
    finally:
        f.close()


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(required=True),
            dest=dict(required=True),
            shout=dict(default='no', type='bool'),
        ),
        check_invalid_arguments=True,
        supports_check_mode=True,
    )
    name = module.params['name']
    dest = module.params['dest']
    text = 'hello %s\n' % (name.upper() if module.params['shout'] else name)
    quoted = pipes.quote(name)
    digest = hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]

    if os.path.exists(dest):
        try:
            current = read(dest)
        except (IOError, OSError):
            e = get_exception()
            module.fail_json(msg='cannot read %s: %s' % (dest, e.strerror))
        if current == text:
            module.exit_json(changed=False, msg='unchanged', quoted=quoted, digest=digest)

    try:
        write(dest, text)
    except (IOError, OSError):
        e = get_exception()
        module.exit_json(changed=False, msg='not written: %s' % e.strerror, quoted=quoted, digest=digest)

    module.exit_json(changed=True, msg='written', quoted=quoted, digest=digest)

# import module snippets
from ansible.module_utils.basic import *
main()
