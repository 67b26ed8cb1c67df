"""What the verifier says, in Spanish and English: an auditor in Lima reads Spanish, a
witness abroad English, and both must understand exactly what was (or was not) proved.

A sentence is kept as its English template and parameters (`Text`) until it is said in
one language, so an error raised deep in note.py or merkle.py is told in the reader's
language by whoever prints it. The Spanish is a plain table keyed by the English (the
gettext pattern without gettext's files, so the verifier stays one small package);
tests/trail/test_verifier.py fails on a template without its Spanish. Spanish addresses the
reader as tú."""
import os

LANGUAGES = ("es", "en")


class Text:
    """A sentence not yet said: an English template with {named} fields and their values
    (which may themselves be Texts)."""

    def __init__(self, template: str, **params) -> None:
        self.template, self.params = template, params

    def say(self, lang: str = "en") -> str:
        template = ES.get(self.template, self.template) if lang == "es" else self.template
        values = {k: v.say(lang) if isinstance(v, Text) else v for k, v in self.params.items()}
        return template.format(**values) if values else template

    def __str__(self) -> str:
        return self.say("en")


class Said(ValueError):
    """An error whose reason is a Text: str() is the English, `.text.say(lang)` either."""

    def __init__(self, template: str, **params) -> None:
        self.text = Text(template, **params)
        super().__init__(str(self.text))


def reason(err: Exception) -> Text:
    """An exception's reason as a Text (a foreign exception's own English, unchanged)."""
    return err.text if isinstance(err, Said) else Text("{detail}", detail=str(err))


def language(explicit: str | None = None) -> str:
    """--lang if given, else the first locale variable set, as gettext reads them."""
    if explicit:
        return explicit
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(var):
            return "es" if value.lower().startswith("es") else "en"
    return "en"


EPILOG = (  # the end of --help: every command and exit status
    "commands:\n"
    "  EXPORT --key KEY [--checkpoint FILE|URL] [--witness KEY]\n"
    "                        check a whole trail export (chain, tree, every checkpoint)\n"
    "  receipt RECEIPT --key KEY\n"
    "                        check the receipt of one entry (see {prog} receipt --help)\n"
    "  pack PACK.zip --key KEY\n"
    "                        check an evidence pack of the OGP minimum requirements\n"
    "\n"
    "exit status:\n"
    "  0  OK: everything in the file is proved by a signed checkpoint\n"
    "  1  FAIL: something does not verify (the line says what)\n"
    "  2  the command was mistyped\n"
    "  3  PENDING: what there is verifies, but recent entries are not yet covered by a signed checkpoint")

ES = {
    # the evidence pack (pack.py)
    "malformed evidence pack: {reason}": "paquete de evidencia mal formado: {reason}",
    "index.csv does not list the same evidence as index.json":
        "index.csv no lista las mismas evidencias que index.json",
    "{file}: {reason}": "{file}: {reason}",
    "{file} is not proved in the pack's checkpoint": "{file} no está probado en el checkpoint del paquete",
    "{file} holds entry {got}, not the entry {seq} the index names":
        "{file} contiene la entrada {got}, no la entrada {seq} que nombra el índice",
    "{file} is not the document the index hashed": "{file} no es el documento cuyo hash está en el índice",
    "{file} is not the text trail entry {seq} records":
        "{file} no es el texto que registra la entrada {seq} de la traza",
    "evidence pack of {cycle}: {n} receipts wait for the next checkpoint":
        "paquete de evidencia de {cycle}: {n} recibos esperan el próximo checkpoint",
    "evidence pack of {cycle}: {n} pieces of evidence, {r} receipts in the checkpoint":
        "paquete de evidencia de {cycle}: {n} evidencias, {r} recibos en el checkpoint",
    "the evidence pack, as downloaded from the requirements page":
        "el paquete de evidencia, tal como se descarga de la página de requisitos",
    # the verdict words
    "OK {what}": "OK {what}",
    "FAIL {what}": "FALLA {what}",
    "PENDING {what}": "PENDIENTE {what}",
    "{detail}": "{detail}",
    # the export
    "bad key: {reason}": "clave incorrecta: {reason}",
    "empty: the export holds no entry": "vacío: la exportación no tiene ninguna entrada",
    "no checkpoint: nothing signed to check the export against, so truncation cannot be ruled out":
        "sin checkpoint: no hay nada firmado con qué comparar la exportación, así que no se puede descartar "
        "que esté truncada",
    "truncated: the checkpoint on line {line} covers {size} entries, the export holds {entries}":
        "truncada: el checkpoint de la línea {line} cubre {size} entradas y la exportación tiene {entries}",
    "truncated: the export holds {entries} entries, fewer than the {size} of the checkpoint you gave":
        "truncada: la exportación tiene {entries} entradas, menos que las {size} del checkpoint que diste",
    "forked: the checkpoint on line {line} (size {size}) signs a different history than these entries":
        "bifurcada: el checkpoint de la línea {line} (tamaño {size}) firma una historia distinta de estas entradas",
    "forked: the checkpoint you gave (size {size}) signs a different history than these entries":
        "bifurcada: el checkpoint que diste (tamaño {size}) firma una historia distinta de estas entradas",
    "checkpoint removed: entry {seq} records a checkpoint of size {size}, which is not in the export":
        "checkpoint eliminado: la entrada {seq} registra un checkpoint de tamaño {size} que no está en la "
        "exportación",
    "checkpoint replaced: entry {seq} records another root for the checkpoint of size {size}":
        "checkpoint sustituido: la entrada {seq} registra otra raíz para el checkpoint de tamaño {size}",
    "entry {seq}: {what} (line {line} holds entry {held})":
        "entrada {seq}: {what} (la línea {line} contiene la entrada {held})",
    "missing": "falta",
    "reordered": "desordenada",
    "repeated": "repetida",
    "entry {seq}: inserted or reordered (its link to the previous entry is broken)":
        "entrada {seq}: insertada o desordenada (su enlace con la entrada anterior está roto)",
    "entry {seq}: edited (its hash does not match its content)":
        "entrada {seq}: editada (su hash no corresponde a su contenido)",
    "malformed line {line}: {reason}": "línea {line} mal formada: {reason}",
    '"v" must be 1': '"v" debe ser 1',
    "seq, prev_hash and hash must be a number and two hex strings":
        "seq, prev_hash y hash deben ser un número y dos cadenas hexadecimales",
    "missing field {field}": "falta el campo {field}",
    "a checkpoint entry's payload names a size and a root": "el contenido de una entrada de checkpoint indica un "
                                                            "tamaño y una raíz",
    "checkpoint on line {line}: {reason}": "checkpoint de la línea {line}: {reason}",
    "the checkpoint you gave: {reason}": "el checkpoint que diste: {reason}",
    "bad signature (not signed by the log key {name})": "firma incorrecta (no está firmado con la clave del "
                                                        "registro {name})",
    "from another log ({origin})": "de otro registro ({origin})",
    "cannot read {path}: {reason}": "no se puede leer {path}: {reason}",
    "{entries} entries; {checkpoints} checkpoints verified, latest at size {latest}; {cosigned} cosignatures; "
    "head {head}":
        "{entries} entradas; {checkpoints} checkpoints verificados, el último de tamaño {latest}; "
        "{cosigned} cofirmas; cabeza {head}",
    "{entries} entries; {checkpoints} checkpoints verified, latest at size {latest}; {cosigned} cosignatures; "
    "head {head}; the last entry records that checkpoint":
        "{entries} entradas; {checkpoints} checkpoints verificados, el último de tamaño {latest}; "
        "{cosigned} cofirmas; cabeza {head}; la última entrada registra ese checkpoint",
    "entries {first} to {last} are not yet covered by a signed checkpoint (their chain is intact, but nothing "
    "signed proves them): the next checkpoint covers them. Entries 1 to {latest} are proved ({checkpoints} "
    "checkpoints). Download the export again after the next checkpoint":
        "las entradas {first} a {last} aún no están cubiertas por un checkpoint firmado (su cadena está intacta, "
        "pero nada firmado las prueba): el próximo checkpoint las cubrirá. Las entradas 1 a {latest} están "
        "probadas ({checkpoints} checkpoints). Vuelve a descargar la exportación después del próximo "
        "checkpoint",
    # receipts
    "the receipt's leaf hash is not the hash of its entry": "el hash de hoja del recibo no es el hash de su entrada",
    "bad signature: the checkpoint is not signed by this log key":
        "firma incorrecta: el checkpoint no está firmado con esta clave del registro",
    "the receipt is from another log ({origin})": "el recibo es de otro registro ({origin})",
    "the receipt's index does not match its entry": "el índice del recibo no corresponde a su entrada",
    "malformed receipt: {reason}": "recibo mal formado: {reason}",
    "entry {seq} ({action}) is in {origin} at size {size}": "la entrada {seq} ({action}) está en {origin} "
                                                            "con tamaño {size}",
    "entry {seq} ({action}) is not yet covered by a checkpoint: it is covered by the next checkpoint "
    "(about {time}); download the receipt again after that":
        "la entrada {seq} ({action}) aún no está cubierta por un checkpoint: la cubrirá el próximo checkpoint "
        "(hacia las {time}); vuelve a descargar el recibo después",
    "entry {seq} ({action}) is not yet covered by a checkpoint: it is covered by the next checkpoint; "
    "download the receipt again after that":
        "la entrada {seq} ({action}) aún no está cubierta por un checkpoint: la cubrirá el próximo checkpoint; "
        "vuelve a descargar el recibo después",
    # note.py, cosign.py, merkle.py
    "expected an Ed25519 key of signature type 0x{kind}": "se esperaba una clave Ed25519 de tipo de firma 0x{kind}",
    "malformed key: {reason}": "clave mal formada: {reason}",
    "the key's hash does not match its name and key": "el hash de la clave no corresponde a su nombre y su clave",
    "a key name has no spaces and no '+'": "el nombre de una clave no lleva espacios ni '+'",
    "{path} is not an Ed25519 key": "{path} no es una clave Ed25519",
    "a note is a body, a blank line and signature lines, each ending in a newline":
        "una nota es un cuerpo, una línea en blanco y líneas de firma, cada una terminada en salto de línea",
    "malformed signature line: {line}": "línea de firma mal formada: {line}",
    "a signature is not base64": "una firma no está en base64",
    "a signature is too short": "una firma es demasiado corta",
    "the note carries no signature": "la nota no lleva ninguna firma",
    "the signature of {name} does not verify": "la firma de {name} no es válida",
    "a checkpoint has an origin, a size and a root hash, one per line":
        "un checkpoint tiene un origen, un tamaño y un hash raíz, uno por línea",
    "malformed checkpoint origin or size": "origen o tamaño del checkpoint mal formado",
    "the checkpoint's root hash is not base64": "el hash raíz del checkpoint no está en base64",
    "the checkpoint's root hash is not 32 bytes": "el hash raíz del checkpoint no tiene 32 bytes",
    "a cosignature line is '— <name> <base64>'": "una línea de cofirma es '— <nombre> <base64>'",
    "the line is signed by {signer}, not {name}": "la línea está firmada por {signer}, no por {name}",
    "the cosignature is not base64": "la cofirma no está en base64",
    "a cosignature is a key ID, a timestamp and an Ed25519 signature":
        "una cofirma es un ID de clave, una marca de tiempo y una firma Ed25519",
    "the cosignature's key ID is not this witness's": "el ID de clave de la cofirma no es el de este testigo",
    "the cosignature's time is out of range": "la hora de la cofirma está fuera de rango",
    "the cosignature of {name} does not verify": "la cofirma de {name} no es válida",
    "leaf {index} is not in a tree of size {size}": "la hoja {index} no está en un árbol de tamaño {size}",
    "no consistency proof from size {old} to {new}": "no hay prueba de consistencia del tamaño {old} al {new}",
    "a leaf hash and a root are 32 bytes": "un hash de hoja y una raíz tienen 32 bytes",
    "the proof is too long or malformed": "la prueba es demasiado larga o está mal formada",
    "the proof is too short": "la prueba es demasiado corta",
    "the proof is too long": "la prueba es demasiado larga",
    "the leaf is not in the tree with this root": "la hoja no está en el árbol con esta raíz",
    "sizes out of order: {old} then {new}": "tamaños desordenados: {old} y luego {new}",
    "nothing to prove from the empty tree: check the new root itself":
        "no hay nada que probar desde el árbol vacío: verifica la nueva raíz directamente",
    "a proof between equal sizes must be empty": "una prueba entre tamaños iguales debe estar vacía",
    "two different roots for one size: the log forked": "dos raíces distintas para un mismo tamaño: el registro "
                                                        "se bifurcó",
    "the proof is empty or malformed": "la prueba está vacía o mal formada",
    "the proof does not lead to the old root": "la prueba no lleva a la raíz anterior",
    "the new tree does not extend the old one": "el árbol nuevo no extiende al anterior",
    # the witness (trazalog/witness.py)
    "{url}: HTTP {code} {body}": "{url}: HTTP {code} {body}",
    "{url}: {reason}": "{url}: {reason}",
    "the log refused the cosignature: {body}": "el registro rechazó la cofirma: {body}",
    "first run: pass --log-key (the log's verifier key, checked out of band)":
        "primera ejecución: indica --log-key (la clave verificadora del registro, comprobada por otra vía)",
    "--log-key differs from the key pinned in the state file":
        "--log-key no coincide con la clave fijada en el archivo de estado",
    "the checkpoint is not signed by the pinned log key": "el checkpoint no está firmado con la clave fijada del "
                                                          "registro",
    "bad checkpoint: {reason}": "checkpoint incorrecto: {reason}",
    "the checkpoint is from another log ({origin})": "el checkpoint es de otro registro ({origin})",
    "the log shrank from {old} to {new} entries": "el registro se redujo de {old} a {new} entradas",
    "two different roots for size {size}: the log forked": "dos raíces distintas para el tamaño {size}: el "
                                                           "registro se bifurcó",
    "the new tree does not extend the one signed before: {reason}":
        "el árbol nuevo no extiende al que se firmó antes: {reason}",
    "cosigned {origin} at size {size}": "cofirmado {origin} con tamaño {size}",
    "REFUSED {reason}": "RECHAZADO {reason}",
    # the command line
    "Checks a Traza trail export, or the receipt of one entry, with no web app and no database.":
        "Verifica una exportación del registro de Traza, o el recibo de una entrada, sin la aplicación web "
        "ni su base de datos.",
    "the trail export, as downloaded from /trail/export.jsonl":
        "la exportación del registro, tal como se descarga de /trail/export.jsonl",
    "the log's verifier key, from /trail/key (compare it with one obtained elsewhere)":
        "la clave verificadora del registro, de /trail/key (compárala con una obtenida por otra vía)",
    "a signed checkpoint obtained elsewhere (a saved copy, a witness, the site's /trail/checkpoint): the "
    "export must reach it and agree with it":
        "un checkpoint firmado obtenido por otra vía (una copia guardada, un testigo, /trail/checkpoint del "
        "sitio): la exportación debe llegar hasta él y coincidir con él",
    "a witness's verifier key; its cosignatures are checked too (repeatable)":
        "la clave verificadora de un testigo; también se verifican sus cofirmas (repetible)",
    "the language of the answer (default: from LANG)": "el idioma de la respuesta (por omisión: según LANG)",
    "the receipt, as downloaded from /trail/<seq>/receipt.json":
        "el recibo, tal como se descarga de /trail/<seq>/receipt.json",
    EPILOG:
        "órdenes:\n"
        "  EXPORTACIÓN --key CLAVE [--checkpoint ARCHIVO|URL] [--witness CLAVE]\n"
        "                        verifica una exportación completa (cadena, árbol, cada checkpoint)\n"
        "  receipt RECIBO --key CLAVE\n"
        "                        verifica el recibo de una entrada (ver {prog} receipt --help)\n"
        "  pack PAQUETE.zip --key CLAVE\n"
        "                        verifica un paquete de evidencia de los requisitos mínimos de OGP\n"
        "\n"
        "código de salida:\n"
        "  0  OK: todo lo que contiene el archivo está probado por un checkpoint firmado\n"
        "  1  FALLA: algo no se verifica (la línea dice qué)\n"
        "  2  la orden se escribió mal\n"
        "  3  PENDIENTE: lo que hay se verifica, pero las entradas recientes aún no están cubiertas por un "
        "checkpoint firmado",
}
