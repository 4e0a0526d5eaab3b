"""E-mail intake: requests that arrive at info.samsa@vgregion.se (seed 6.5)."""
