"""bench/busy.py's writer records its acts without a refusal: a refused act is a write the
run did not make, and the bench prints it ("N refused") beside the figures it measured.

Each run counts its acts from 0, so a check-in toggle read from the act's number started
each run as if the civil-society co-chair were out; a run at 5 a second for 8 s (42 acts)
ended with her checked in, and the next run's first check-in was refused."""
import pytest

from bench.busy import Writer
from forum.extensions import db
from tests.worlds import demo


@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)  # the bench's acts are the subject
@pytest.mark.parametrize("seed", [demo])
def test_runs_of_any_length_record_every_act(app, database_url, tmp_path, seed):
    writer = Writer(database_url, str(tmp_path / "bench"))
    refused = []
    try:
        for acts in (42, 9, 6):  # 5 a second, then 1 a second, each for about 8 s; then a short one
            writer.done = writer.failed = 0  # as Writer.run starts each run
            with writer.app.app_context():
                for i in range(acts):
                    writer.step(i)
            refused.append(writer.failed)
            assert writer.done == acts - writer.failed
    finally:
        with writer.app.app_context():  # its connections closed before the world's file is restored
            db.session.remove()
            db.engine.dispose()
    assert refused == [0, 0, 0]
