import Testing

@Test func placeholder_PartneringTests() { #expect(Bool(true)) }
