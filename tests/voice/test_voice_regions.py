"""The regions table: Peru's 24 departments, the Constitutional Province of Callao and Lima
Metropolitana, by their INEI ubigeo codes, with Lima Metropolitana (province 1501) apart
from the rest of Lima department."""
from forum.voice.regions import LIMA_METROPOLITANA, REGIONS, is_region

# INEI's department codes, written out by hand from the ubigeo list.
DEPARTMENTS = {"01": "Amazonas", "02": "Áncash", "03": "Apurímac", "04": "Arequipa", "05": "Ayacucho",
               "06": "Cajamarca", "08": "Cusco", "09": "Huancavelica", "10": "Huánuco", "11": "Ica",
               "12": "Junín", "13": "La Libertad", "14": "Lambayeque", "16": "Loreto", "17": "Madre de Dios",
               "18": "Moquegua", "19": "Pasco", "20": "Piura", "21": "Puno", "22": "San Martín", "23": "Tacna",
               "24": "Tumbes", "25": "Ucayali"}  # and 15, Lima, split below


def test_twenty_six_regions_by_ubigeo():
    assert len(REGIONS) == 26
    for code, name in DEPARTMENTS.items():
        assert REGIONS[code] == name
    assert REGIONS["07"] == "Callao"  # the Constitutional Province, a region of its own
    assert REGIONS[LIMA_METROPOLITANA] == "Lima Metropolitana" and LIMA_METROPOLITANA == "1501"
    assert REGIONS["15"] == "Lima Provincias"  # the rest of Lima department
    assert set(REGIONS) == set(DEPARTMENTS) | {"07", "15", "1501"}


def test_only_those_codes_are_regions():
    for bad in ("", "00", "26", "99", "150101", "1502", "8", " 08", None, 8):
        assert not is_region(bad), bad
    assert all(is_region(code) for code in REGIONS)
