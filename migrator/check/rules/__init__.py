"""Fork-safety rules, one class per module. Discovered by :mod:`migrator.check.registry`."""
