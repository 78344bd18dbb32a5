"""aduan: integrated national complaint handling for public services."""
