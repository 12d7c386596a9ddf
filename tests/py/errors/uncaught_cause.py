# An uncaught exception with an explicit cause.
class ConfigError(Exception):
    pass
try:
    int('abc')
except ValueError as e:
    raise ConfigError('bad config value') from e
