print("Where is order #4471?")
