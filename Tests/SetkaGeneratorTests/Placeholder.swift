import Testing

@Test func placeholder_SetkaGeneratorTests() { #expect(Bool(true)) }
