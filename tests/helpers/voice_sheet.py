"""The scan of a paper sheet as a facilitator uploads it: a small PNG photo."""
import io

from werkzeug.datastructures import FileStorage

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def sheet(name: str = "hoja-1.png") -> FileStorage:
    return FileStorage(io.BytesIO(PNG), filename=name, content_type="image/png")


def posted(name: str = "hoja-1.png") -> tuple:
    """The same, as a test client posts a file field."""
    return (io.BytesIO(PNG), name)
