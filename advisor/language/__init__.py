"""The rule language: packs, condition trees and their compilation to durable-rules."""
