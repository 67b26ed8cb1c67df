"""Ships the top-level templates/ and static/ inside the package as forum/templates and
forum/static, so a wheel (not only a checkout) serves pages. Everything else is in
pyproject.toml; setuptools' declarative config cannot map these two folders alongside
automatic package discovery. `trazalog` is the log without the app (standard library and
`cryptography` only): the verifier and witness commands run from it."""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["forum", "forum.*", "trazalog"]), "forum.templates", "forum.static"],
    package_dir={"forum.templates": "templates", "forum.static": "static"},
)
