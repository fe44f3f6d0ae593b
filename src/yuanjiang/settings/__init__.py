"""Settings are split by environment: base (shared), dev, test and prod.

Pick one with DJANGO_SETTINGS_MODULE; the `yuanjiang` command defaults to dev.
"""
