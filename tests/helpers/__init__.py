"""What tests build their worlds with, one module per area (`tests.helpers.<area>`): a proposal
answered, a live session, a commitment adopted, a monitored update. Fixtures stay in conftest.py."""
