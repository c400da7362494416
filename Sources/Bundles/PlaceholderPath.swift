/// The path a bundle's own checks name in their errors before the bundle has a file (a bundle built or checked in
/// memory); whoever knows the real path puts it in its place.
public let bundlePlaceholderPath = "<bundle>"
