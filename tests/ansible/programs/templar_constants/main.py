#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ansible 2.1 style helpers: Templar, listify_lookup_plugin_terms, text and boolean helpers,
compat six, and constants - the odds and ends a deploy service imports from ansible."""
from __future__ import print_function

import ansible.constants as C
from ansible.compat.six import iteritems, string_types
from ansible.parsing.dataloader import DataLoader
from ansible.plugins import lookup_loader
from ansible.template import Templar
from ansible.utils.boolean import boolean
from ansible.utils.listify import listify_lookup_plugin_terms
from ansible.utils.unicode import to_unicode, to_bytes

loader = DataLoader()
templar = Templar(loader, None, {'x': 1, 'names': ['a', 'b'], 'env': 'prod'})
print('sum:', templar.template('{{ x + 1 }}'))
print('joined:', templar.template('{{ names | join("-") }}@{{ env }}'))
templar.set_available_variables({'x': 41, 'names': ['c', 'd', 'e'], 'env': 'test'})
print('sum:', templar.template('{{ x + 1 }}'))
print('bare:', templar.template('x', convert_bare=True))
print('plain:', templar.template('no template here'))
terms = listify_lookup_plugin_terms('{{ names }}', templar, loader)
print('terms:', ' '.join(terms))

for word in ('yes', '1', 'no', 'off', 'maybe', True):
    print('boolean %s: %s %s' % (word, boolean(word), C.mk_boolean(word)))

for key, value in sorted(iteritems({'b': 2, 'a': 1})):
    print('item:', key, value)
print('string type:', isinstance(u'x', string_types))

print('text:', to_unicode(b'caf\xc3\xa9'))
print('replaced:', to_unicode(b'bad \xff byte'))
print('bytes:', len(to_bytes(u'caf\xe9')))

print('callbacks enabled:', bool(C.DEFAULT_CALLBACK_WHITELIST))
print('ignores .retry files:', '.retry' in C.DEFAULT_INVENTORY_IGNORE)
print('rejects .pyc files:', '.pyc' in C.BLACKLIST_EXTS)
print('has a lookup loader:', lookup_loader is not None)
