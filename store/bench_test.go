package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"taller"
)

// BenchmarkCheckInParallel measures durable check-ins through the group
// commit with many concurrent phones. Target: well above 2,000/s on 2 cores.
func BenchmarkCheckInParallel(b *testing.B) {
	st, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	w := &taller.Workshop{Title: "Bench", Country: "SV", Locality: "L", Organization: "O", Date: "2024-06-10", CheckInCap: 100000}
	if err := st.CreateWorkshop(context.Background(), w); err != nil {
		b.Fatal(err)
	}
	b.SetParallelism(64)
	var mu sync.Mutex
	n := 0
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			i := n
			mu.Unlock()
			_, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
				Device: fmt.Sprint("d", i), Gender: taller.Female, AgeBand: "18-29", Role: "community", Source: taller.SourcePhone})
			if err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checkins/s")
}
