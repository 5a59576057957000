"""The project shell: settings read from the environment, root URLs, WSGI, bootstrap commands.

It sits above every other room: it may import the website and the domain,
and nothing imports it but Django itself (``DJANGO_SETTINGS_MODULE``,
``ROOT_URLCONF``, ``WSGI_APPLICATION``).
"""
