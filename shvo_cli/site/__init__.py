"""The public static site (gitsvg.se, vardsamverkan.se, SOFIA): ``shvo site build``."""
