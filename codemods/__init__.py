"""The codemods: one class per idiom family, one file per class.

``codemods.py2`` turns lifted Python 2 into Python 3 that behaves the same;
``codemods.ansible`` turns the Ansible 2.1 Python API into current ansible-core.
Every codemod derives from :class:`codemods.base.Codemod`; the engine finds them through
:func:`codemods.registry.all_codemods`.
"""
