"""Family 1: cost scenarios for the national response team of health personnel."""
