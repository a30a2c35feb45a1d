"""Family 3: the HMS-training survey (Arbeidstilsynet, 2024). See docs/hms.md."""
