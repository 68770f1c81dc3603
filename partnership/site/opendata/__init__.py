"""
The partnership register and the yearly figures as open data.

Two data sets, each as CSV and JSON under ``/daten/`` (without language
prefix: machines read them, and their field names are the same for all),
with a JSON Schema, a CSV on the Web description and one DCAT-AP.de
catalogue for open-data portals; a page per language explains them.
docs/open-data.md describes the files for those who use them.
"""
