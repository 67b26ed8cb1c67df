"""Peru's regions as the figures count them, keyed by INEI ubigeo codes.

The 24 departments, the Constitutional Province of Callao (07) and Lima Metropolitana
(province 1501). Lima Metropolitana is counted apart from the rest of Lima department
("Lima Provincias", keyed by the department code 15), because "outside Lima" in the OGP
reviewers' complaint means outside the capital, not outside the department. The names are
proper nouns and stay in Spanish in both languages.
"""

#: code -> name, in ubigeo order. One table, one place (tests/voice/test_voice_regions.py).
REGIONS: dict[str, str] = {
    "01": "Amazonas",
    "02": "Áncash",
    "03": "Apurímac",
    "04": "Arequipa",
    "05": "Ayacucho",
    "06": "Cajamarca",
    "07": "Callao",
    "08": "Cusco",
    "09": "Huancavelica",
    "10": "Huánuco",
    "11": "Ica",
    "12": "Junín",
    "13": "La Libertad",
    "14": "Lambayeque",
    "1501": "Lima Metropolitana",
    "15": "Lima Provincias",
    "16": "Loreto",
    "17": "Madre de Dios",
    "18": "Moquegua",
    "19": "Pasco",
    "20": "Piura",
    "21": "Puno",
    "22": "San Martín",
    "23": "Tacna",
    "24": "Tumbes",
    "25": "Ucayali",
}

LIMA_METROPOLITANA = "1501"
#: The group of inputs whose region nobody recorded (organisations made before regions).
UNKNOWN = "unknown"


def is_region(code) -> bool:
    return isinstance(code, str) and code in REGIONS
