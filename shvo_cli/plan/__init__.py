"""Plans (förvaltningsplaner): next year's draft, edits, the diff VVG reads, the document."""
