"""Ships the top-level templates/ and static/ inside the package as forum/templates and
forum/static, so a wheel (not only a checkout) serves pages. Everything else is in
pyproject.toml; setuptools' declarative config cannot map these two folders alongside
automatic package discovery."""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["forum", "forum.*"]), "forum.templates", "forum.static"],
    package_dir={"forum.templates": "templates", "forum.static": "static"},
)
