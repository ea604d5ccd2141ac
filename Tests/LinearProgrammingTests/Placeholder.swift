import Testing

@Test func placeholder_LinearProgrammingTests() { #expect(Bool(true)) }
