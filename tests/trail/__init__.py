"""The trail: the chain, the Merkle log, tiles, checkpoints, the verifier and witnesses."""
