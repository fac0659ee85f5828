#!/usr/bin/python
# -*- coding: utf-8 -*-

DOCUMENTATION = '''
---
module: vesemir_release
short_description: Write a release manifest and prune old releases
description:
  - Writes MANIFEST.json (file list with sha1 checksums) into a release directory and removes
    the oldest sibling releases so that at most C(keep) remain.
options:
  path: {description: release directory, required: true}
  application: {description: application name, required: true}
  version: {description: release version, required: true}
  keep: {description: how many releases to keep, default: 3}
'''

EXAMPLES = '''
- vesemir_release: path=/srv/shop/releases/1.4.2 application=shop version=1.4.2 keep=3
'''

import hashlib
import shutil
import time


def sha1_of(path):
    digest = hashlib.sha1()
    f = open(path, 'rb')
    try:
        for chunk in iter(lambda: f.read(65536), ''):
            digest.update(chunk)
    finally:
        f.close()
    return digest.hexdigest()


def build_manifest(release_dir, application, version):
    files = {}
    for root, dirs, names in os.walk(release_dir):
        for name in names:
            if name == 'MANIFEST.json':
                continue
            full = os.path.join(root, name)
            files[os.path.relpath(full, release_dir)] = sha1_of(full)
    return {'application': application, 'version': version, 'created': int(time.time()), 'files': files}


def prune(releases_dir, keep, current):
    releases = []
    for name in os.listdir(releases_dir):
        full = os.path.join(releases_dir, name)
        if os.path.isdir(full) and full != current:
            releases.append((os.path.getmtime(full), full))
    releases.sort()
    doomed = releases[:max(len(releases) - (keep - 1), 0)]
    for mtime, full in doomed:
        shutil.rmtree(full)
    return [os.path.basename(full) for mtime, full in doomed]


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(required=True),
            application=dict(required=True),
            version=dict(required=True),
            keep=dict(default=3, type='int'),
        ),
        supports_check_mode=True,
    )
    path = os.path.abspath(os.path.expanduser(module.params['path']))
    keep = module.params['keep']
    if keep < 1:
        module.fail_json(msg="keep must be at least 1")
    if not os.path.isdir(path):
        module.fail_json(msg="release directory %s does not exist" % path)

    manifest = build_manifest(path, module.params['application'], module.params['version'])
    manifest_path = os.path.join(path, 'MANIFEST.json')
    if module.check_mode:
        module.exit_json(changed=True, manifest=manifest_path, files=len(manifest['files']))

    try:
        f = open(manifest_path, 'w')
        try:
            f.write(json.dumps(manifest, indent=2, sort_keys=True))
        finally:
            f.close()
        os.chmod(manifest_path, 0644)
        pruned = prune(os.path.dirname(path), keep, path)
    except (IOError, OSError):
        e = get_exception()
        module.fail_json(msg="could not finish release %s: %s" % (path, str(e)))

    module.exit_json(changed=True, manifest=manifest_path, files=len(manifest['files']), pruned=pruned)


# import module snippets
from ansible.module_utils.basic import *
main()
