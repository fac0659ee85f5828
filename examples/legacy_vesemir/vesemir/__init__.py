# -*- coding: utf-8 -*-
"""vesemir: a small deploy service (Python 2.7, gunicorn 19, Ansible 2.1 Python API)."""
__version__ = '0.9.3'
