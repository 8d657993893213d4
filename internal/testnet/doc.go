// Package testnet gives tests network addresses with a known behaviour.
package testnet
