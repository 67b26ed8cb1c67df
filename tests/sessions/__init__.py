"""Live sessions: quorum, notice, motions and votes, the speaker queue, minutes."""
