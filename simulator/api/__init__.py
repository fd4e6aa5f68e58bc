"""The HTTP face: PACER's Authentication API over the simulator's world (`cmecf-sim api`)."""
