"""Ansible 2.1 Python API codemods: embedding code, callback plugins and modules → ansible-core."""
