"""Traza's tests: one folder per area of forum/ (tests/<area>/), the cross-area suites in their own
(permissions, architecture, browser, fuzz, i18n, performance, deployment, demo), and what they
build with in tests/helpers/."""
