import Testing

@Test func placeholder_SetkaModelTests() { #expect(Bool(true)) }
