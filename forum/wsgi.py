"""The WSGI entry point for production servers, configured from TRAZA_* variables:

    gunicorn -w 1 -k gthread --threads 100 -b 127.0.0.1:5001 forum.wsgi:app

One worker per process (Socket.IO needs each client to stay on one process); run several
processes behind nginx with sticky sessions and TRAZA_MESSAGE_QUEUE=redis://... so a
broadcast reaches the clients of every process. See the README, "Scaled deployment".
"""
from . import create_app

app = create_app()
