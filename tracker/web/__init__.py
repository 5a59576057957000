"""The website: every page, form and template staff use (follow-ups, resolutions, the import).

Views here are thin: they check access (``access``), read through the
selectors and write through the services of ``tracker`` and
``resolutions``. Nothing below imports this package. Templates live in
``templates/web/``, in folders named after the page's module.
"""
