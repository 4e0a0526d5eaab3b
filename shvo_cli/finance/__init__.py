"""Finance views for people outside GITS: statements per municipality, budget against
outcome, the utskrivningsklara billing basis."""
