// SetkaGenerator
